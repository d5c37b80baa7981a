package dev.footfall.server.ingest;

import dev.footfall.server.event.Outcome;
import dev.footfall.server.http.ApiException;
import io.helidon.http.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for the writer to make events durable, the one way the ingest routes and the import
 * do it: a failure or a timeout is a {@code 503} with {@code Retry-After}, never a 500, since
 * nothing of the events was acknowledged and the client's retry is safe.
 *
 * @param timeoutMs         how long to wait at most
 * @param failure           the error text of the 503
 * @param retryAfterSeconds what {@code Retry-After} says
 */
record CommitWait(long timeoutMs, String failure, long retryAfterSeconds) {

    List<Outcome> await(CompletableFuture<List<Outcome>> done) {
        try {
            return done.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw unavailable(failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("server shutting down, retry");
        }
    }

    ApiException unavailable(String error) {
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, error, null, retryAfterSeconds);
    }
}
