package dev.trawl.fetch;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * A network interceptor that counts the bytes of each response body as they come off the wire, before
 * OkHttp's transparent gzip inflates them. Counting is opt-in per request: tag the request with a
 * {@link Count}. Stateless and thread-safe; each {@link Count} is written by the thread reading its body.
 */
final class WireByteCounter implements Interceptor {

    /** The running byte count of one response body. */
    static final class Count {
        private final AtomicLong bytes = new AtomicLong();

        long bytes() {
            return bytes.get();
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        Count count = chain.request().tag(Count.class);
        if (count == null) {
            return response;
        }
        ResponseBody raw = response.body();
        Source counting = new ForwardingSource(raw.source()) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                long read = super.read(sink, byteCount);
                if (read > 0) {
                    count.bytes.addAndGet(read);
                }
                return read;
            }
        };
        ResponseBody body = ResponseBody.create(Okio.buffer(counting), raw.contentType(), raw.contentLength());
        return response.newBuilder().body(body).build();
    }
}
