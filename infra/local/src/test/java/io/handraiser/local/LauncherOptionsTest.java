package io.handraiser.local;

import io.handraiser.local.Launcher.Options;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LauncherOptionsTest {

    @Test
    void runsWithoutDemoByDefault() {
        assertThat(Options.parse()).isEqualTo(new Options(false, 0, DemoHistory.DEFAULT_SEED));
    }

    @Test
    void demoLoadsTheDefaultNumberOfContactsUnlessGivenOne() {
        assertThat(Options.parse("--demo").demoContacts()).isEqualTo(DemoHistory.DEFAULT_CONTACTS);
        assertThat(Options.parse("--demo=200").demoContacts()).isEqualTo(200);
        assertThat(Options.parse("--demo=200", "--demo-seed=-7")).isEqualTo(new Options(false, 200, -7));
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Options.parse("--demo=0")).hasMessageContaining("--demo=0");
        assertThatThrownBy(() -> Options.parse("--demo=lots")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Options.parse("--dmeo")).hasMessageContaining("unknown option '--dmeo'");
    }
}
