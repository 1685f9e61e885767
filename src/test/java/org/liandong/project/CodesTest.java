package org.liandong.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodesTest {

    @Test
    void creditCodeCheckCharacterFollowsGb32100() {
        // Published sample codes with a correct check character.
        assertNull(CreditCode.problem("91350100M000100Y43"));
        assertNull(CreditCode.problem("91110000600037341L"));
        assertEquals('3', CreditCode.checkCharacter("91350100M000100Y4"));
        assertTrue(CreditCode.problem("91350100M000100Y44").contains("check character"));
        assertTrue(CreditCode.problem("91350100M000100Y4").contains("18"));
        assertTrue(CreditCode.problem("91350100I000100Y43").contains("not allowed"));
    }

    @Test
    void projectCodeHasFiveParts() {
        ProjectCode c = ProjectCode.parse("2017-370303-44-03-012345");
        assertEquals(2017, c.year());
        assertEquals("370303", c.divisionCode());
        assertEquals("2017-370303-44-03-012345", c.toString());
        assertThrows(IllegalArgumentException.class, () -> ProjectCode.parse("2017-37030-44-03-012345"));
        assertThrows(IllegalArgumentException.class, () -> ProjectCode.parse("1999-370303-44-03-012345"));
        assertThrows(IllegalArgumentException.class, () -> ProjectCode.parse(null));
    }
}
