package org.liandong.room.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parser-free relay scan against Jackson's: whatever it accepts, Jackson accepts with the
 * same type, to and data; whatever else it leaves to Jackson (null).
 */
class RelayScannerTest {

    final JsonFactory factory = new ObjectMapper().getFactory();

    static final String SDP = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\na=x:\\u00e9\\/\","
            + "\"n\":[-1.5e+3,0,12,true,false,null,{}],\"deep\":{\"a\":[[],{\"b\":\"\"}]}}";

    static final List<String> SAMPLES = List.of(
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":" + SDP + "}",
            "{\"v\":1,\"type\":\"answer\",\"to\":\"p2\",\"data\":{}}",
            " { \"data\" : { \"candidate\" : \"a\" } , \"to\" : \"p3\" , \"type\" : \"candidate\" } \n",
            "{\"type\":\"candidate\",\"to\":\"p3\",\"data\":{\"x\":\"\\u12\"}}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{\"a\":01}}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{\"a\":1.}}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{\"a\":tru}}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{\"a\":1,}}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{\"a\":\"\u0001\"}}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{}, \"from\":\"p9\"}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{}}, \"from\":\"p9\"}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{},\"data\":{}}",
            "{\"type\":\"off\\u0065r\",\"to\":\"p2\",\"data\":{}}",
            "{\"type\":\"offer\",\"to\":\" \",\"data\":{}}",
            "{\"v\":2,\"type\":\"offer\",\"to\":\"p2\",\"data\":{}}",
            "{\"v\":1.0,\"type\":\"offer\",\"to\":\"p2\",\"data\":{}}",
            "{\"v\":10,\"type\":\"offer\",\"to\":\"p2\",\"data\":{}}",
            "{\"type\":\"chat\",\"text\":\"x\"}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":\"sdp\"}",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{}} x",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{",
            "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}}",
            "{}",
            "[]",
            "");

    @Test
    void acceptsExactlyWhatJacksonAcceptsAndCutsTheSameData() {
        assertNotNull(RelayScanner.scan(SAMPLES.get(0)));
        assertEquals(new Command.Relay("offer", "p2", SDP), RelayScanner.scan(SAMPLES.get(0)));
        assertNotNull(RelayScanner.scan(SAMPLES.get(2)));
        for (String text : SAMPLES) {
            agrees(text);
        }
    }

    @Test
    void aSenderCannotCloseDataEarlyAndAddFieldsForItsPeer() {
        // Cut out raw and copied into {"type":"offer","from":...,"data":<raw>}, an unchecked data
        // could carry a second "from" or "type" to the receiving peer.
        assertNull(RelayScanner.scan("{\"type\":\"offer\",\"to\":\"p2\",\"data\":{}, \"from\":\"p9\"}"));
        assertNull(RelayScanner.scan("{\"type\":\"offer\",\"to\":\"p2\",\"data\":{\"a\":\"}\"},\"type\":\"chat\"}"));
        assertNull(
                Command.scanRelay(factory, "{\"type\":\"offer\",\"to\":\"p2\",\"data\":{\"a\":1}},\"from\":\"p9\"}"));
    }

    /** Every one-character change of the samples: the scan never says yes where Jackson says otherwise. */
    @Test
    void mutationsNeverDisagree() {
        Random random = new Random(14);
        String alphabet = "{}[]\":,\\ 0123456789.-+eE tfnulrsaxp\u0001\u00e9";
        int accepted = 0;
        for (String sample : SAMPLES) {
            for (int round = 0; round < 2000 && !sample.isEmpty(); round++) {
                StringBuilder b = new StringBuilder(sample);
                int at = random.nextInt(b.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> b.setCharAt(at, c);
                    case 1 -> b.insert(at, c);
                    default -> b.deleteCharAt(at);
                }
                if (agrees(b.toString()) != null) {
                    accepted++;
                }
            }
        }
        assertTrue(accepted > 100, "many mutations are still valid relays: " + accepted);
    }

    private Command.Relay agrees(String text) {
        Command.Relay fast = RelayScanner.scan(text);
        if (fast != null) {
            assertEquals(RelayScanner.withParser(factory, text), fast, text);
        }
        return fast;
    }
}
