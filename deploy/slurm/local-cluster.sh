#!/bin/bash
# Starts a one-node Slurm cluster on this machine (for `make slurm-check`): munge, slurmctld and
# slurmd as root, the node's CPUs and memory as read here, one partition. Debian's slurm-wlm
# must be installed (the make target installs it). Idempotent: a running cluster is left as is.
set -euo pipefail
host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
state=/var/spool/slurm-accord
mkdir -p "$state/ctld" "$state/d" /var/log/slurm /run/munge
if ! pgrep -x munged >/dev/null; then
    chown munge:munge /run/munge 2>/dev/null || true
    if [ -x /usr/sbin/runuser ] && id munge >/dev/null 2>&1; then
        runuser -u munge -- /usr/sbin/munged
    else
        /usr/sbin/munged --force
    fi
fi
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=accord
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld
pgrep -x slurmd >/dev/null || /usr/sbin/slurmd
for _ in $(seq 60); do
    if sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then exit 0; fi
    sleep 1
done
echo "the Slurm node did not come up; see /var/log/slurm/" >&2
exit 69
