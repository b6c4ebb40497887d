package dev.syncer.views.model.port;

import java.time.Duration;

/**
 * A fault the lab injects on a link.
 *
 * @param delay the added one-way delay for {@link Kind#DELAYED}, zero for {@link Kind#CUT}
 */
public record LinkFaultInfo(LinkRef link, Kind kind, Duration delay) {

    public enum Kind { CUT, DELAYED }
}
