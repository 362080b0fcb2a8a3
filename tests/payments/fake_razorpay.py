"""A local HTTP server speaking the documented bodies of the Razorpay API calls LeBrq makes.

POST /v1/orders, POST /v1/payments/{id}/refund, with HTTP basic auth of the key pair. `pay()`
plays the customer at checkout: a captured payment on an order, and the signature the
checkout hands back (HMAC-SHA256 of "order_id|payment_id" with the key secret).
"""

import base64
import hashlib
import hmac
import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY_ID = "rzp_test_lebrq"
KEY_SECRET = "test-key-secret-0123456789"
WEBHOOK_SECRET = "test-webhook-secret-0123456789"


def sign(message, secret):
    return hmac.new(
        secret.encode(), message.encode() if isinstance(message, str) else message, hashlib.sha256
    ).hexdigest()


class FakeRazorpay:
    def __init__(self):
        self.orders, self.payments, self.refunds = {}, {}, {}
        self.fail_next = 0  # answer this many calls with a 500
        self.ids = itertools.count(1)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def pay(self, order_id):
        """(payment_id, checkout signature) for a captured payment of the whole order."""
        payment_id = f"pay_{next(self.ids):014d}"
        order = self.orders[order_id]
        self.payments[payment_id] = {
            "id": payment_id,
            "order_id": order_id,
            "amount": order["amount"],
            "status": "captured",
        }
        order["status"] = "paid"
        return payment_id, sign(f"{order_id}|{payment_id}", KEY_SECRET)

    def event(self, name, **entities):
        """A webhook body and its X-Razorpay-Signature."""
        body = json.dumps(
            {"entity": "event", "event": name, "payload": {k: {"entity": v} for k, v in entities.items()}}
        )
        return body.encode(), sign(body.encode(), WEBHOOK_SECRET)

    def _handler(fake):
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                expected = "Basic " + base64.b64encode(f"{KEY_ID}:{KEY_SECRET}".encode()).decode()
                if self.headers.get("Authorization") != expected:
                    return self._answer(
                        401, {"error": {"code": "BAD_REQUEST_ERROR", "description": "Authentication failed"}}
                    )
                if fake.fail_next:
                    fake.fail_next -= 1
                    return self._answer(500, {"error": {"code": "SERVER_ERROR", "description": "The server is down"}})
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                parts = self.path.strip("/").split("/")
                if parts == ["v1", "orders"]:
                    return self._order(body)
                if len(parts) == 4 and parts[:2] == ["v1", "payments"] and parts[3] == "refund":
                    return self._refund(parts[2], body)
                return self._answer(404, {"error": {"code": "BAD_REQUEST_ERROR", "description": "No such route"}})

            def _order(self, body):
                if not isinstance(body.get("amount"), int) or body["amount"] < 100 or body.get("currency") != "INR":
                    return self._answer(400, {"error": {"code": "BAD_REQUEST_ERROR", "description": "amount invalid"}})
                order_id = f"order_{next(fake.ids):014d}"
                fake.orders[order_id] = {
                    "id": order_id, "entity": "order", "amount": body["amount"], "amount_paid": 0, "currency": "INR",
                    "receipt": body.get("receipt"), "status": "created", "notes": body.get("notes", {}),
                }  # fmt: skip
                self._answer(200, fake.orders[order_id])

            def _refund(self, payment_id, body):
                payment = fake.payments.get(payment_id)
                if payment is None or body.get("amount", 0) > payment["amount"]:
                    return self._answer(400, {"error": {"code": "BAD_REQUEST_ERROR", "description": "invalid refund"}})
                refund_id = f"rfnd_{next(fake.ids):014d}"
                fake.refunds[refund_id] = {
                    "id": refund_id, "entity": "refund", "amount": body["amount"], "payment_id": payment_id,
                    "currency": "INR", "status": "pending", "notes": body.get("notes", {}),
                }  # fmt: skip
                self._answer(200, fake.refunds[refund_id])

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler
