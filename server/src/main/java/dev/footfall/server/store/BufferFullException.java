package dev.footfall.server.store;

/** The write buffer holds its maximum; the client should retry after a moment (503 + Retry-After). */
public final class BufferFullException extends RuntimeException {
    public BufferFullException(int maxBufferedEvents) {
        super("write buffer full (" + maxBufferedEvents + " events waiting)");
    }
}
