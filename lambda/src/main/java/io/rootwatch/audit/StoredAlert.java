package io.rootwatch.audit;

import io.rootwatch.alert.RenderedAlert;

import java.time.Instant;
import java.util.Optional;

/** The alert part of an item: its state, the lease of the delivery sending it, and the message itself. */
public record StoredAlert(ItemKey key, AlertState state, Optional<Instant> leaseUntil, Optional<RenderedAlert> message) {

    /** True when no live delivery holds it and it has not been sent: this delivery should send it. */
    public boolean awaitsDelivery(Instant now) {
        return message.isPresent() && (state == AlertState.PENDING
                || (state == AlertState.SENDING && leaseUntil.map(now::isAfter).orElse(true)));
    }
}
