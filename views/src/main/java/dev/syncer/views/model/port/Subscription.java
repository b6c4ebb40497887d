package dev.syncer.views.model.port;

/** A registration with a source; closing it stops the deliveries. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
