package org.liandong.room.media;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One entry of RTCConfiguration.iceServers, exactly as browsers take it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IceServer(List<String> urls, String username, String credential) {}
