package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.liandong.room.protocol.Command;

/** The relay fast path cuts data out untouched and leaves everything unusual to the full decoder. */
class CommandTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void relayDataIsCutOutOfTheTextAsItIs() {
        String data = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\",\"x\":[1,{\"y\":null}]}";
        Command.Relay r = Command.scanRelay(
                json.getFactory(), "{\"v\":1,\"type\":\"offer\",\"to\":\"p2\",\"data\":" + data + "}");
        assertEquals(new Command.Relay("offer", "p2", data), r);
        assertEquals(
                "p3",
                Command.scanRelay(json.getFactory(), "{\"data\":{},\"to\":\"p3\",\"type\":\"candidate\"}")
                        .to());
    }

    @Test
    void anythingUnusualFallsBackToTheFullDecoder() {
        for (String text : new String[] {
            "{\"type\":\"chat\",\"text\":\"x\"}",
            "{\"type\":\"offer\",\"to\":\"p2\"}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":\"sdp\"}",
            "{\"v\":2,\"type\":\"offer\",\"to\":\"p2\",\"data\":{}}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{}} trailing",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{",
            "[]"
        }) {
            assertNull(Command.scanRelay(json.getFactory(), text), text);
        }
    }

    /**
     * data is copied raw into {"type":"offer","from":…,"data":…}: it must be exactly one object,
     * or a sender could close it early and give its peer a second "from" or another "type".
     */
    @Test
    void aSenderCannotCloseDataEarlyAndAddFieldsForItsPeer() {
        for (String text : new String[] {
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{}}, \"from\":\"p9\"}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{\"a\":1}},\"type\":\"chat\"}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{\"a\":\"}\"}"
        }) {
            assertNull(Command.scanRelay(json.getFactory(), text), text);
        }
        assertEquals(
                "{\"a\":\"}, \\\"from\\\":\\\"p9\"}",
                Command.scanRelay(
                                json.getFactory(),
                                "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{\"a\":\"}, \\\"from\\\":\\\"p9\"}}")
                        .data(),
                "a quoted brace stays inside data");
    }
}
