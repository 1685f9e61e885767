package org.liandong.media;

/** Switch a session's recording on or off. */
public record RecordingRequest(Boolean on) {}
