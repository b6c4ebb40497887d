# redis-py in RESP3 mode (protocol=3) against the server on argv[1]: one line per check, "name: value".
# RedisPyResp3IT runs it against a shard and against redis-server and compares the lines, so every
# value printed must be deterministic (explicit stream IDs, no client ids, sorted sets of results).
import sys
import redis

r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), protocol=3, socket_timeout=10)
other = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), protocol=3, socket_timeout=10)


def show(name, value):
    print(f"{name}: {value!r}", flush=True)


def error(name, call):
    try:
        call()
        show(name, "no error")
    except redis.ResponseError as e:
        show(name, str(e))


r.flushall()
hello = r.execute_command("HELLO", 3)
show("hello", (hello[b"proto"], hello[b"mode"], hello[b"role"]))
show("ping", r.ping())
show("set", r.set("s", "v"))
show("get", r.get("s"))
show("get missing", r.get("missing"))
show("incrbyfloat", r.incrbyfloat("f", 1.5))
show("mget", r.mget("s", "missing"))
show("getex", r.getex("s", px=100000))
show("pttl positive", r.pttl("s") > 0)
show("setbit", r.setbit("b", 7, 1))
show("bitcount", r.bitcount("b"))
show("pfadd", r.pfadd("hll", "a", "b", "c"))
show("pfcount", r.pfcount("hll"))

show("hset", r.hset("h", mapping={"a": "1", "b": "2"}))
show("hgetall", r.hgetall("h"))
show("hgetall missing", r.hgetall("missing"))
show("hmget", r.hmget("h", "a", "zz"))
show("hincrbyfloat", r.hincrbyfloat("h", "c", 0.25))

show("sadd", r.sadd("set", "a", "b", "c"))
show("smembers", sorted(r.smembers("set")))
show("smismember", r.smismember("set", ["a", "x"]))
show("sinter", sorted(r.sinter("set", "set")))

show("zadd", r.zadd("z", {"x": 1.5, "y": 2, "w": -0.5}))
show("zrange withscores", r.zrange("z", 0, -1, withscores=True))
show("zscore", r.zscore("z", "x"))
show("zmscore", r.zmscore("z", ["x", "nope"]))
show("zincrby", r.zincrby("z", 1, "x"))
show("zpopmin", r.zpopmin("z"))
show("zrangebyscore", r.zrangebyscore("z", "-inf", "+inf", withscores=True))
show("zrandmember one", r.zrandmember("z", 1, withscores=True) is not None)

show("rpush", r.rpush("l", "a", "b", "c"))
show("lrange", r.lrange("l", 0, -1))
show("lpos", r.lpos("l", "b"))
show("lmpop", r.lmpop(1, "l", direction="LEFT", count=2))
show("blpop", r.blpop(["l"], timeout=1))
show("blpop timeout", r.blpop(["l"], timeout=0.1))

show("xadd", r.xadd("st", {"f": "v"}, id="1-1"))
show("xadd 2", r.xadd("st", {"g": "w"}, id="2-1"))
show("xrange", r.xrange("st"))
show("xread", r.xread({"st": "0-0"}, count=1))
show("xgroup create", r.xgroup_create("st", "g", id="0"))
show("xreadgroup", r.xreadgroup("g", "c", {"st": ">"}, count=1))
show("xpending", r.xpending("st", "g")["pending"])
show("xlen", r.xlen("st"))

show("geoadd", r.geoadd("geo", [13.361389, 38.115556, "Palermo", 15.087269, 37.502669, "Catania"]))
show("geodist", r.geodist("geo", "Palermo", "Catania", unit="km"))
show("geopos", r.geopos("geo", "Palermo", "nowhere"))
show("geosearch", r.geosearch("geo", longitude=15, latitude=37, radius=200, unit="km", withdist=True, sort="ASC"))

show("config get", r.config_get("maxmemory-policy"))
show("exists", r.exists("s", "h", "missing"))
show("type", [r.type(k) for k in ("s", "h", "set", "z", "st", "missing")])
show("scan", sorted(r.scan_iter(match="s*")))
error("wrongtype", lambda: r.lpush("s", "x"))
error("unknown command", lambda: r.execute_command("NOSUCHCOMMAND"))
error("arity", lambda: r.execute_command("GET"))

pipe = r.pipeline(transaction=True)
pipe.incr("counter").incr("counter").get("counter")
show("multi/exec", pipe.execute())

p = r.pubsub()
p.subscribe("chan")
show("subscribe", p.get_message(timeout=2))
show("publish", other.publish("chan", "hello"))
show("message", p.get_message(timeout=2))
p.unsubscribe("chan")
show("unsubscribe", p.get_message(timeout=2))
show("still talks", r.ping())
