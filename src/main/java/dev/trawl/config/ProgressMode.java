package dev.trawl.config;

/** Whether to draw a live progress line. */
public enum ProgressMode {
    /** A live line on a terminal, periodic log lines otherwise. */
    AUTO,
    /** Always the live line. */
    ON,
    /** Nothing but the final summary. */
    OFF
}
