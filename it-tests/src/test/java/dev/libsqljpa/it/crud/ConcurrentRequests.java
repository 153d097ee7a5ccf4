package dev.libsqljpa.it.crud;

import dev.libsqljpa.it.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Fires PUT requests from parallel threads released by one start signal. */
final class ConcurrentRequests {

    private ConcurrentRequests() {}

    static List<Http.Response> putTwice(Http http, String path, String firstBody, String secondBody) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Http.Response>> requests = new ArrayList<>();
            for (String body : List.of(firstBody, secondBody)) {
                requests.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            return http.put(path, body);
                        },
                        pool));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (CompletableFuture<Http.Response> request : requests) {
                responses.add(request.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("start signal not given");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
