#!/bin/bash
# Creates the topics of deploy/kafka/topics.conf (mounted at /topics.conf) on the compose broker; idempotent.
set -euo pipefail
BS=${KAFKA_BOOTSTRAP:-kafka:9092}
for _ in $(seq 1 60); do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BS" --list >/dev/null 2>&1 && break
  sleep 2
done
while read -r name parts cfgs _; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  args=(--bootstrap-server "$BS" --create --if-not-exists --topic "$name" --partitions "$parts" --replication-factor 1)
  if [[ -n "${cfgs:-}" && "$cfgs" != - ]]; then
    IFS=',' read -r -a cs <<<"$cfgs"
    for c in "${cs[@]}"; do args+=(--config "$c"); done
  fi
  /opt/kafka/bin/kafka-topics.sh "${args[@]}"
done </topics.conf
