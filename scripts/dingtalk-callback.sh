#!/usr/bin/env bash
# Sends a signed DingTalk robot callback to a running Errand, as DingTalk would (protocols/dingtalk.md §1-2).
#
#   scripts/dingtalk-callback.sh "/order 8812" [session-webhook-url]
#
# The secret is ERRAND_DINGTALK_APP_SECRET, or the one Errand generated in ${ERRAND_DATA_DIR:-./data}.
# ERRAND_URL (default http://localhost:8080) selects the instance. Prints the curl command, then runs it.
set -euo pipefail

text=${1:?usage: $0 "<message text>" [session-webhook-url]}
webhook=${2:-https://oapi.dingtalk.com/robot/sendBySession?session=errand-demo}
url=${ERRAND_URL:-http://localhost:8080}/bot/dingtalk
secret=${ERRAND_DINGTALK_APP_SECRET:-$(cat "${ERRAND_DATA_DIR:-./data}/dingtalk-app-secret")}

timestamp=$(( $(date +%s%N) / 1000000 ))
sign=$(printf '%s\n%s' "$timestamp" "$secret" | openssl dgst -sha256 -hmac "$secret" -binary | base64)
msg_id="msg$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
body=$(python3 -c 'import json,sys; print(json.dumps({
  "msgtype": "text", "text": {"content": " " + sys.argv[1]}, "msgId": sys.argv[2],
  "createAt": int(sys.argv[3]), "conversationType": "2", "conversationId": "cidErrandDemo==",
  "conversationTitle": "Ops team", "senderId": "$:LWCP_v1:$demo", "senderNick": "Li Lei",
  "senderStaffId": "manager4711", "senderCorpId": "dingcorp0001", "isAdmin": False,
  "chatbotCorpId": "dingcorp0001", "isInAtList": True, "sessionWebhook": sys.argv[4],
  "sessionWebhookExpiredTime": int(sys.argv[3]) + 5400000}))' "$text" "$msg_id" "$timestamp" "$webhook")

echo "curl -sS -X POST '$url' -H 'Content-Type: application/json; charset=utf-8' -H 'timestamp: $timestamp' -H 'sign: <HmacSHA256 of timestamp+LF+secret>' -d '$body'" >&2
curl -sS -X POST "$url" -H 'Content-Type: application/json; charset=utf-8' \
  -H "timestamp: $timestamp" -H "sign: $sign" -d "$body"
echo
