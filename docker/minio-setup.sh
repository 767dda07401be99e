#!/bin/sh
# One-shot MinIO setup (the compose `minio-setup` service): the four buckets, versioning
# and object lock on originals, and an application user that may read and write but
# never delete. Idempotent: safe to run on every `docker compose up`.
set -eu

mc alias set local "http://minio:9000" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null

mc mb --ignore-existing "local/$CLAIM_INTAKE_BUCKET_INTAKE"
mc mb --ignore-existing --with-lock "local/$CLAIM_INTAKE_BUCKET_ORIGINALS"
mc version enable "local/$CLAIM_INTAKE_BUCKET_ORIGINALS"
mc mb --ignore-existing "local/$CLAIM_INTAKE_BUCKET_RESULTS"
mc mb --ignore-existing "local/$CLAIM_INTAKE_BUCKET_QUARANTINE"

buckets=""
for b in "$CLAIM_INTAKE_BUCKET_INTAKE" "$CLAIM_INTAKE_BUCKET_ORIGINALS" \
         "$CLAIM_INTAKE_BUCKET_RESULTS" "$CLAIM_INTAKE_BUCKET_QUARANTINE"; do
  buckets="$buckets\"arn:aws:s3:::$b\",\"arn:aws:s3:::$b/*\","
done
buckets=${buckets%,}
cat > /tmp/claim-intake-policy.json <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow",
     "Action": ["s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketVersioning",
                "s3:GetBucketObjectLockConfiguration", "s3:GetObject", "s3:PutObject",
                "s3:PutObjectRetention"],
     "Resource": [$buckets]}
  ]
}
POLICY
mc admin policy create local claim-intake /tmp/claim-intake-policy.json
mc admin user add local "$CLAIM_INTAKE_S3_ACCESS_KEY" "$CLAIM_INTAKE_S3_SECRET_KEY"
mc admin policy attach local claim-intake --user "$CLAIM_INTAKE_S3_ACCESS_KEY" 2>/dev/null || true
echo "minio-setup: buckets and the claim-intake user are ready"
