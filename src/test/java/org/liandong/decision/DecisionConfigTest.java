package org.liandong.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DecisionConfigTest {

    @Inject
    DecisionConfig config;

    @Test
    void combiningRuleIsChosenPerMatterTypeWithTheDesignRuleAsDefault() {
        assertEquals(CombiningRule.SUPPLEMENT_FIRST, config.ruleFor("eia-approval"));
        assertEquals(CombiningRule.REJECT_PREVAILS, config.ruleFor("investment-approval"));
        assertEquals("淄联审", config.numberPrefix());
    }
}
