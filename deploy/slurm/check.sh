#!/bin/bash
# `make slurm-check`: a one-node Slurm cluster on this machine (local-cluster.sh) runs a Monte
# Carlo of Blue Harbor as 4 shards of an array job and a dependent merge (montecarlo.sbatch);
# the merged result must be the bytes of one run without shards. Run from the repository root
# after `make release`.
set -euo pipefail
root=$(pwd)
accord=$root/.build/release/accord
scenario=$root/Data/blue-harbor-discrete.yaml
work=$root/.build/slurm-check
"$root/deploy/slurm/local-cluster.sh"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
ACCORD=$accord "$root/deploy/slurm/montecarlo.sbatch" "$scenario" 20000 4 7 merged.json >/dev/null
for _ in $(seq 600); do
    [ -z "$(squeue -h -n accord-montecarlo,accord-merge 2>/dev/null)" ] && break
    sleep 1
done
if [ ! -f merged.json ]; then
    echo "slurm-check: no merged result; the jobs' logs are in $work/parts" >&2
    exit 1
fi
"$accord" sensitivity "$scenario" --samples 20000 --seed 7 --quiet -o one.json
cmp one.json merged.json
echo "slurm-check: 4 shards on Slurm, merged, equal one run byte for byte ($work)"
