// The umbrella module: every layer of the library, re-exported (Package.swift lists the order).
@_exported import AccordModel
@_exported import AccordImport
@_exported import AccordGenerate
@_exported import AccordSkyline
@_exported import AccordOptimize
@_exported import AccordGames
@_exported import AccordSpace
@_exported import AccordFrontier
@_exported import AccordSolutions
@_exported import AccordLinkage
@_exported import AccordDynamics
@_exported import AccordCoalitions
@_exported import AccordSensitivity
@_exported import AccordReport
