package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnkit.cli.RnnkitCliTest.Run;

/** {@code rnnkit serve} without the toolkit-serve module: a clear error, exit code 2. */
class ServeCommandTest {

    @Test
    void givenNoServeModule_whenServe_thenExit2NamingTheModule() {
        Run run = RnnkitCliTest.run("serve", "--model", "model.zip");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("toolkit-serve"), run.err());
    }
}
