package dev.syncer.engine.keyspace;

/** A pending entry of a consumer group (streamNACK): who holds it, since when, how often delivered. */
public final class StreamNack {

    public long deliveryTime;
    public long deliveryCount;
    public StreamConsumer consumer;

    public StreamNack(StreamConsumer consumer, long deliveryTime, long deliveryCount) {
        this.consumer = consumer;
        this.deliveryTime = deliveryTime;
        this.deliveryCount = deliveryCount;
    }
}
