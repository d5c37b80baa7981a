package dev.footfall.load.simulate;

import dev.footfall.load.Rate;
import dev.footfall.load.http.Sender;
import dev.footfall.load.stats.RunStats;
import dev.footfall.load.wire.EventIds;
import dev.footfall.load.wire.Wire;
import dev.footfall.load.wire.WireFormat;
import dev.footfall.load.wire.WireRequest;
import dev.footfall.traffic.Population;
import dev.footfall.traffic.Step;
import dev.footfall.traffic.VisitGenerator;
import dev.footfall.traffic.Visitor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop traffic at a set rate made of whole visits. A ticker fires once per event interval
 * and sends the visit step that is due first; when no step is due yet it starts a visit of an
 * idle visitor. So the number of visits under way settles at about rate × time per step, and
 * each visit's steps go out in order: a visit's next step is scheduled only after its previous
 * one was answered, {@code thinkMs} later. If every visitor is busy, the earliest step is sent
 * early rather than missing the rate.
 *
 * <p>Each step is posted on its own virtual thread; at most {@code maxInFlight} are in flight,
 * beyond which the ticker waits (and the shown rate drops) instead of queueing without bound.
 */
public final class Simulator {
    private static final long MAX_CATCH_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final WireFormat format;
    private final Sender sender;
    private final RunStats stats;
    private final Rate rate;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final Wire wire = new Wire();
    private final EventIds eventIds = new EventIds();
    private final Population population;
    /** Planning state, guarded by this: visits waiting for their next step, by due time. */
    private final PriorityQueue<Visit> waiting = new PriorityQueue<>(Comparator.comparingLong(Visit::dueNanos));
    /** Visitors with no visit under way, guarded by this. */
    private final ArrayDeque<Visitor> idle;
    private final SplittableRandom random;
    private final VisitGenerator visits;

    /** A visit under way: its remaining steps from {@code next} on, the next one due at {@code dueNanos}. */
    private record Visit(Visitor visitor, List<Step> steps, int next, long dueNanos) {
        Step step() {
            return steps.get(next);
        }
    }

    public Simulator(Population population, WireFormat format, Sender sender, RunStats stats, Rate rate, long seed,
                     int maxInFlight) {
        this.population = population;
        this.format = format;
        this.sender = sender;
        this.stats = stats;
        this.rate = rate;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.random = new SplittableRandom(seed);
        this.visits = new VisitGenerator(random.split());
        List<Visitor> shuffled = new ArrayList<>(population.visitors());
        Collections.shuffle(shuffled, new java.util.Random(seed));
        this.idle = new ArrayDeque<>(shuffled);
    }

    /**
     * Sends until {@code endNanos} (System.nanoTime) or until {@code stop} is set, then waits
     * up to {@code drainMs} for requests in flight.
     */
    public void run(long endNanos, AtomicBoolean stop, long drainMs) throws InterruptedException {
        long interval = rate.intervalNanos();
        long next = System.nanoTime();
        while (!stop.get()) {
            long now = System.nanoTime();
            if (now - endNanos >= 0) {
                break;
            }
            if (next - now > 0) {
                LockSupport.parkNanos(Math.min(next - now, TimeUnit.MILLISECONDS.toNanos(100)));
                continue;
            }
            Visit visit = nextVisit(now);
            if (visit == null) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                continue;
            }
            if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                requeue(visit);
                continue;
            }
            Thread.ofVirtual().name("simulate-send").start(() -> send(visit));
            next += interval;
            if (now - next > MAX_CATCH_UP_NANOS) {
                next = now;
            }
        }
        if (inFlight.tryAcquire(maxInFlight, drainMs, TimeUnit.MILLISECONDS)) {
            inFlight.release(maxInFlight);
        }
    }

    private void send(Visit visit) {
        try {
            WireRequest request = wire.request(visit.step(), format, System.currentTimeMillis()).orElseThrow();
            sender.post(request, eventIds.next(), 0, stats);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.release();
            advance(visit, System.nanoTime());
        }
    }

    /** The visit whose step goes out now: the first one due, else a new one, else the earliest. */
    private synchronized Visit nextVisit(long now) {
        Visit first = waiting.peek();
        if (first != null && first.dueNanos() - now <= 0) {
            return waiting.poll();
        }
        if (!idle.isEmpty()) {
            Visitor visitor = idle.poll();
            List<Step> steps = stepsFor(visits.visit(visitor, population.siteFor(visitor, random)));
            return new Visit(visitor, steps, 0, now);
        }
        return waiting.poll();
    }

    private synchronized void requeue(Visit visit) {
        waiting.add(visit);
    }

    private synchronized void advance(Visit visit, long now) {
        int next = visit.next() + 1;
        if (next < visit.steps().size()) {
            long think = TimeUnit.MILLISECONDS.toNanos(visit.steps().get(next).thinkMs());
            waiting.add(new Visit(visit.visitor(), visit.steps(), next, now + think));
        } else {
            idle.add(visit.visitor());
        }
    }

    /** The steps this format can send; for the old format, pageviews only, keeping their timing. */
    private List<Step> stepsFor(List<Step> steps) {
        if (format == WireFormat.EVENT) {
            return steps;
        }
        List<Step> pageviews = new ArrayList<>();
        long think = 0;
        for (Step step : steps) {
            think += step.thinkMs();
            if (step.pageview()) {
                pageviews.add(new Step(step.visitor(), step.event(), think));
                think = 0;
            }
        }
        return pageviews;
    }
}
