package dev.trawl.sink;

/**
 * A record on its way to the outputs, with its JSON text ({@link RecordCodec#bytes}: a JSONL line without its
 * line end) made once for all of them: the JSONL line and the WARC's metadata record hold the same bytes, and
 * each writer serialized the record itself before. The first writer thread to ask makes it, and one asking
 * meanwhile waits for it. Thread-safe.
 */
final class RecordJson {
    private final CrawlRecord record;
    private volatile byte[] json;

    RecordJson(CrawlRecord record) {
        this.record = record;
    }

    CrawlRecord record() {
        return record;
    }

    /** The record's JSON text, UTF-8. Shared by every output: never to be changed. */
    byte[] json() {
        byte[] text = json;
        if (text == null) {
            synchronized (this) { // the JSONL and WARC threads take a record at once: the second waits, not serializes
                text = json;
                if (text == null) {
                    text = RecordCodec.bytes(record);
                    json = text;
                }
            }
        }
        return text;
    }
}
