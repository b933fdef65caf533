#!/usr/bin/env bash
# End-to-end check of the S3 API through the gateway of a running local stack, with real clients
# (AWS CLI v2 and rclone): mb, cp up/down (small and 20 MiB, which the CLI sends as multipart), ls with
# prefixes, sync of a directory, presign + curl, rm, rb; every download compared by SHA-256.
#   ./local-stack/start &   then   ./scripts/e2e-s3.sh [path/to/endpoints.json]
# Installs awscli and rclone with apt-get when missing. Exits non-zero on the first failure or mismatch.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
endpoints="${1:-${AIOZ_LOCAL_STACK_DIR:-$repo/.local-stack}/endpoints.json}"
step() { printf '[e2e-s3 %4ds] %s\n' "$SECONDS" "$*"; }
fail() { printf '[e2e-s3] FAILED: %s\n' "$*" >&2; exit 1; }

[[ -f "$endpoints" ]] || fail "no $endpoints: start the local stack first (./local-stack/start)"

# Debian 12 gives awscli 2.9.19 and rclone 1.60.1; a pip-installed aws v1 earlier on PATH also works,
# but prefer the packaged v2 when both exist.
missing=()
[[ -x /usr/bin/aws ]] || command -v aws >/dev/null || missing+=(awscli)
command -v rclone >/dev/null || missing+=(rclone)
if (( ${#missing[@]} )); then
  step "installing ${missing[*]}"
  if [[ $(id -u) == 0 ]]; then sudo=(); else sudo=(sudo -n); fi
  "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/tmp/e2e-s3-apt.log 2>&1 \
    || { "${sudo[@]}" apt-get update -q >/dev/null 2>&1 && "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/tmp/e2e-s3-apt.log 2>&1; } \
    || { echo "[e2e-s3] cannot install ${missing[*]} (see /tmp/e2e-s3-apt.log)" >&2; exit 3; }
fi
aws=/usr/bin/aws; [[ -x $aws ]] || aws="$(command -v aws)"
step "$("$aws" --version 2>&1 | head -n1); $(rclone version 2>/dev/null | head -n1)"

read_json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval('d'+sys.argv[2]))" "$endpoints" "$1"; }
endpoint="$(read_json "['credentials']['s3']['endpoint']")"
region="$(read_json "['credentials']['s3']['region']")"
export AWS_ACCESS_KEY_ID="$(read_json "['credentials']['s3']['keys'][0]['accessKeyId']")"
export AWS_SECRET_ACCESS_KEY="$(read_json "['credentials']['s3']['keys'][0]['secretAccessKey']")"
export AWS_DEFAULT_REGION="$region" AWS_REGION="$region" AWS_PAGER="" AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN
s3() { "$aws" --endpoint-url "$endpoint" "$@"; }
s3api() { "$aws" --endpoint-url "$endpoint" s3api "$@"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
same() { [[ "$(sha "$1")" == "$(sha "$2")" ]] || fail "$3: $1 and $2 differ"; step "ok  $3"; }

# rclone reads its remote from the environment: no config file is written. no_check_bucket: storage-service
# answers CreateBucket on an existing bucket of the same tenant with a 500 (lead: BucketAlreadyOwnedByYou).
export RCLONE_CONFIG=/dev/null RCLONE_CONFIG_LOCAL_TYPE=s3 RCLONE_CONFIG_LOCAL_PROVIDER=Other \
  RCLONE_CONFIG_LOCAL_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" RCLONE_CONFIG_LOCAL_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" \
  RCLONE_CONFIG_LOCAL_ENDPOINT="$endpoint" RCLONE_CONFIG_LOCAL_REGION="$region" RCLONE_CONFIG_LOCAL_FORCE_PATH_STYLE=true \
  RCLONE_CONFIG_LOCAL_NO_CHECK_BUCKET=true

# rclone 1.60 cannot apply AWS_CA_BUNDLE to its own transport and refuses to start when it is set.
rc() { env -u AWS_CA_BUNDLE rclone "$@"; }

work="$(mktemp -d)"
bucket="e2e-s3-$(date +%s)-$RANDOM"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
step "endpoint $endpoint, bucket $bucket, work dir $work"

mkdir -p "$work/up/tree/sub" "$work/down"
printf 'hello, storage\n' > "$work/up/small.txt"
head -c $((20 * 1024 * 1024)) /dev/urandom > "$work/up/big.bin"
for i in 1 2 3; do head -c $((1000 * i + 17)) /dev/urandom > "$work/up/tree/file-$i.bin"; done
head -c 70000 /dev/urandom > "$work/up/tree/sub/deep.bin"
printf 'odd name\n' > "$work/up/tree/sub/a b+c€.txt"

step "mb"
s3 s3 mb "s3://$bucket" >/dev/null

step "cp up small and 20 MiB (multipart)"
s3 s3 cp --no-progress "$work/up/small.txt" "s3://$bucket/docs/small.txt" >/dev/null
s3 s3 cp --no-progress "$work/up/big.bin" "s3://$bucket/blobs/big.bin" >/dev/null
etag="$(s3api head-object --bucket "$bucket" --key blobs/big.bin --query ETag --output text)"
[[ "$etag" == *-* ]] || fail "20 MiB upload was not multipart (ETag $etag)"
step "ok  multipart ETag $etag"

step "cp down"
s3 s3 cp --no-progress "s3://$bucket/docs/small.txt" "$work/down/small.txt" >/dev/null
same "$work/up/small.txt" "$work/down/small.txt" "aws cp small round trip"
s3 s3 cp --no-progress "s3://$bucket/blobs/big.bin" "$work/down/big.bin" >/dev/null
same "$work/up/big.bin" "$work/down/big.bin" "aws cp 20 MiB round trip"

step "sync a directory (aws up, rclone down)"
s3 s3 sync --no-progress "$work/up/tree" "s3://$bucket/tree" >/dev/null
rc copy "local:$bucket/tree" "$work/down/tree" 2>"$work/rclone.log" || { cat "$work/rclone.log" >&2; fail "rclone copy"; }
diff -r "$work/up/tree" "$work/down/tree" >/dev/null || fail "synced tree differs"
step "ok  aws sync up / rclone copy down ($(find "$work/up/tree" -type f | wc -l) files)"

step "rclone up, aws down"
rc copyto "$work/up/big.bin" "local:$bucket/rclone/big.bin" 2>"$work/rclone.log" || { cat "$work/rclone.log" >&2; fail "rclone copyto"; }
s3 s3 cp --no-progress "s3://$bucket/rclone/big.bin" "$work/down/rclone-big.bin" >/dev/null
same "$work/up/big.bin" "$work/down/rclone-big.bin" "rclone 20 MiB up / aws down"
rc check "$work/up/tree" "local:$bucket/tree" --one-way 2>"$work/rclone.log" || { cat "$work/rclone.log" >&2; fail "rclone check"; }
step "ok  rclone check"

step "ls with prefixes"
listing="$(s3 s3 ls "s3://$bucket/")"
for prefix in docs/ blobs/ tree/ rclone/; do
  grep -q "PRE $prefix" <<<"$listing" || fail "ls of the bucket lacks $prefix: $listing"
done
count="$(s3api list-objects-v2 --bucket "$bucket" --prefix tree/sub/ --query 'length(Contents)' --output text)"
[[ "$count" == 2 ]] || fail "expected 2 keys under tree/sub/, got $count"
# Captured first: with pipefail, grep -q closing the pipe early would fail the listing with SIGPIPE.
sub_listing="$(s3 s3 ls "s3://$bucket/tree/sub/")"
grep -q 'a b+c€.txt' <<<"$sub_listing" || fail "ls does not show 'a b+c€.txt': $sub_listing"
step "ok  ls (prefixes and delimiter)"

step "presign + curl"
url="$("$aws" --endpoint-url "$endpoint" s3 presign "s3://$bucket/tree/sub/a b+c€.txt" --expires-in 300)"
curl -fsS -o "$work/down/presigned.txt" "$url" || fail "curl of the presigned URL"
same "$work/up/tree/sub/a b+c€.txt" "$work/down/presigned.txt" "presigned GET"
code="$(curl -s -o /dev/null -w '%{http_code}' "${url/X-Amz-Signature=/X-Amz-Signature=0}")"
[[ "$code" == 403 ]] || fail "a tampered presigned URL answered $code, not 403"
step "ok  tampered presigned URL refused (403)"

step "rm, rb"
s3 s3 rm "s3://$bucket" --recursive >/dev/null
left="$(s3api list-objects-v2 --bucket "$bucket" --query 'length(Contents || `[]`)' --output text)"
[[ "$left" == 0 ]] || fail "$left objects left after rm --recursive"
s3 s3 rb "s3://$bucket" >/dev/null
if s3api head-bucket --bucket "$bucket" 2>/dev/null; then fail "bucket still exists after rb"; fi
step "ok  rm and rb"
step "PASSED"
