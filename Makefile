# Accord — build, demo and test entry points. Every target installs what it needs when missing.
SWIFT ?= swift

.PHONY: demo test build release bench compare fuzz clean

release:
	$(SWIFT) build -c release --product accord

build:
	$(SWIFT) build

## Build release and solve the Blue Harbor case.
demo: release
	.build/release/accord solve Data/blue-harbor.yaml --format text

## Run the test suite (unit, property and brute-force cross-checks).
test:
	$(SWIFT) test

## package-benchmark suites (release build, separate package).
bench:
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

## Accord against NegMAS on the same generated scenarios (own venv; extra options: COMPARE_ARGS=--quick).
compare:
	@test -x Benchmarks/peers/.venv/bin/python || python3 -m venv Benchmarks/peers/.venv
	Benchmarks/peers/.venv/bin/pip install -q -r Benchmarks/peers/requirements.txt
	$(SWIFT) build -c release --product accord
	Benchmarks/peers/.venv/bin/python Benchmarks/peers/compare.py $(COMPARE_ARGS)

## Seeded fuzz of the release executable: 2,000 mutated inputs, 20 s and a 4 GB address-space cap per run
## (extra options: FUZZ_ARGS='--seed 7 --count 500'; failing inputs saved under Benchmarks/fuzz/results/).
fuzz: release
	python3 Benchmarks/fuzz/fuzz.py --accord .build/release/accord --count 2000 --jobs 2 $(FUZZ_ARGS)

clean:
	rm -rf .build Benchmarks/.build
