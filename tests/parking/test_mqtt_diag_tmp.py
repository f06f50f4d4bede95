"""Temporary diagnostics (to be deleted)."""
from __future__ import annotations
import json, time, threading
from datetime import timedelta
import pytest
from sqlalchemy import select
from casa.core.bus import InProcessBus
from casa.parking.models import Observation
from casa.parking.subscriber import Subscriber
from tests.parking.factories import make_site
from tests.parking.test_mqtt import private_broker, publisher, stored, wait_until  # noqa: F401

pytestmark = pytest.mark.integration

@pytest.mark.parametrize("n", range(int(__import__("os").environ.get("DIAG_N", "1"))))
def test_diag(n, db, clock, private_broker):
    url, restart = private_broker
    site_id = make_site(db, "restart", capacity=1000)
    log = []
    sub = Subscriber(url, db, InProcessBus(), clock, "casa-test-restart")
    orig_msg = sub._on_message
    def on_message(c, u, m):
        log.append(("recv", time.monotonic(), m.mid, m.dup, json.loads(m.payload)["free"]))
        orig_msg(c, u, m)
    sub.client.on_message = on_message
    orig_ack = sub.client.ack
    def ack(mid, qos):
        rc = orig_ack(mid, qos)
        log.append(("ack", time.monotonic(), mid, rc))
        return rc
    sub.client.ack = ack
    orig_store = sub.store
    def store(msgs):
        log.append(("store-begin", time.monotonic(), [json.loads(m.payload)["free"] for m in msgs]))
        try:
            orig_store(msgs)
        except Exception as e:
            log.append(("store-fail", time.monotonic(), repr(e)))
            raise
        log.append(("store-ok", time.monotonic()))
    sub.store = store
    sub.start()
    assert sub.connected.wait(10)
    pub = publisher(url, client_id="sensor-restart")
    plog = []
    pub.on_connect = lambda *a: plog.append(("pconn", time.monotonic(), str(a[3])))
    pub.on_disconnect = lambda *a: plog.append(("pdisc", time.monotonic(), str(a[3])))
    infos = []
    t0 = time.monotonic()
    for i in range(400):
        at = clock() - timedelta(seconds=400 - i)
        infos.append(pub.publish("casa/parking/restart/occupancy",
            json.dumps({"free": i, "observed_at": at.isoformat()}), qos=1))
        if i == 200:
            plog.append(("restart", time.monotonic()))
            restart()
            plog.append(("restarted", time.monotonic()))
        time.sleep(0.002)
    complete = wait_until(lambda: stored(db, site_id) == 400, timeout_s=30)
    t1 = time.monotonic()
    with db.session() as s:
        frees = {f for (f,) in s.execute(select(Observation.free).where(Observation.site_id == site_id))}
    missing = sorted(set(range(400)) - frees)
    unpub = [i for i, inf in enumerate(infos) if not inf._published]
    pub.disconnect(); sub.stop()
    with open(f"/tmp/diag/run-{time.time():.0f}-{n}.json", "w") as f:
        json.dump({"complete": complete, "missing": missing, "unpub": unpub, "elapsed": t1 - t0,
                   "rc": {i: int(infos[i].rc) for i in missing}, "log": [list(map(str, x)) for x in log],
                   "plog": [list(map(str, x)) for x in plog], "t0": t0}, f)
    assert (complete, missing, unpub) == (True, [], [])
