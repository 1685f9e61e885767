package org.liandong.media;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A plugin's answer to a message.
 *
 * @param data the plugin's data ({@code plugindata.data})
 * @param jsep the SDP Janus attached, or {@code null}
 */
public record JanusReply(JsonNode data, JsonNode jsep) {}
