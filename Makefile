# Accord — build, demo and test entry points. Every target installs what it needs when missing.
SWIFT ?= swift
APT_PACKAGES := libopenblas-dev libopenblas0-serial libglpk-dev librsvg2-bin

.PHONY: demo test deps build release bench compare compare-continuous compare-nonlinear fuzz plots slurm-check clean

## Install the system libraries (OpenBLAS with LAPACK, its single-threaded build, GLPK) and
## rsvg-convert (the tests render every plot to PNG) when they are missing.
deps:
	@if [ ! -e /usr/include/glpk.h ] || [ -z "$$(ls /usr/include/cblas.h /usr/include/*/cblas.h 2>/dev/null)" ] \
	   || [ -z "$$(ls /usr/lib/*/openblas-serial/libopenblas.so.0 2>/dev/null)" ] || ! command -v rsvg-convert >/dev/null; then \
	  echo "Installing $(APT_PACKAGES)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(APT_PACKAGES); \
	fi

release: deps
	$(SWIFT) build -c release --product accord --static-swift-stdlib

build: deps
	$(SWIFT) build

## Build release and solve the Blue Harbor case.
demo: release
	.build/release/accord solve Data/blue-harbor.yaml --format text

## Run the test suite (unit, property and brute-force cross-checks).
test: deps
	$(SWIFT) test

## package-benchmark suites (release build, separate package).
bench: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

## Accord against NegMAS on the same generated scenarios (own venv; extra options: COMPARE_ARGS=--quick).
compare: deps
	@test -x Benchmarks/peers/.venv/bin/python || python3 -m venv Benchmarks/peers/.venv
	Benchmarks/peers/.venv/bin/pip install -q -r Benchmarks/peers/requirements.txt
	$(SWIFT) build -c release --product accord --static-swift-stdlib
	Benchmarks/peers/.venv/bin/python Benchmarks/peers/compare.py $(COMPARE_ARGS)

## Accord against cvxpy + Clarabel on identical Eisenberg-Gale instances (n parties x m divisible goods;
## own venv; extra options: CONTINUOUS_ARGS='--quick' or '--sizes 10x50,200x200').
compare-continuous: release
	@test -x Benchmarks/peers/.venv/bin/python || python3 -m venv Benchmarks/peers/.venv
	Benchmarks/peers/.venv/bin/pip install -q -r Benchmarks/peers/requirements-continuous.txt
	Benchmarks/peers/.venv/bin/python Benchmarks/peers/eisenberg_gale.py --accord .build/release/accord $(CONTINUOUS_ARGS)

## Accord against OR-tools CP-SAT on the exact frontier of nonlinear GENIUS spaces (ANAC 2014, from the shared
## corpus; own venv; other folders: NONLINEAR_ARGS='path/to/domain-folder ...').
NONLINEAR_ARGS ?= ../shared/anac/y2014/30issues ../shared/anac/y2014/50issues
compare-nonlinear: release
	@test -x Benchmarks/peers/.venv/bin/python || python3 -m venv Benchmarks/peers/.venv
	Benchmarks/peers/.venv/bin/pip install -q -r Benchmarks/peers/requirements-nonlinear.txt
	Benchmarks/peers/.venv/bin/python Benchmarks/peers/nonlinear_cpsat.py --accord .build/release/accord $(NONLINEAR_ARGS)

## Seeded fuzz of the release executable: 2,000 mutated inputs, 20 s and a 4 GB address-space cap per run
## (extra options: FUZZ_ARGS='--seed 7 --count 500'; failing inputs saved under Benchmarks/fuzz/results/).
fuzz: release
	python3 Benchmarks/fuzz/fuzz.py --accord .build/release/accord --count 2000 --jobs 2 $(FUZZ_ARGS)

## The frontier plot shown in the README, drawn from Data/ and rendered to PNG.
plots: release
	.build/release/accord frontier Data/blue-harbor-discrete.yaml --format svg -o docs/frontier-blue-harbor.svg --quiet
	rsvg-convert docs/frontier-blue-harbor.svg -o docs/frontier-blue-harbor.png
	rm docs/frontier-blue-harbor.svg
	.build/release/accord sensitivity Data/blue-harbor-discrete.yaml --vary B.reservation=0.2:0.6:81 --plot docs/sweep-blue-harbor.svg --quiet > /dev/null
	rsvg-convert docs/sweep-blue-harbor.svg -o docs/sweep-blue-harbor.png
	rm docs/sweep-blue-harbor.svg
	.build/release/accord sensitivity Data/blue-harbor-discrete.yaml --tornado 20% --plot docs/tornado-blue-harbor.svg --quiet > /dev/null
	rsvg-convert docs/tornado-blue-harbor.svg -o docs/tornado-blue-harbor.png
	rm docs/tornado-blue-harbor.svg

## A one-node Slurm cluster on this machine (Debian's slurm-wlm, installed when missing) runs a
## sharded Monte Carlo and its merge (deploy/slurm/); the merge must equal one run. Not part of test.
slurm-check: release
	@command -v sbatch >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm; }
	deploy/slurm/check.sh

clean:
	rm -rf .build Benchmarks/.build
