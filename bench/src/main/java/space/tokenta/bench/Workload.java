package space.tokenta.bench;

import space.tokenta.engine.command.Command;

/**
 * A replayable command stream: setup commands (assets, instruments, accounts, deposits, listings and
 * the initial resting orders; not measured) followed by the measured commands.
 *
 * @param scenario the scenario name it was generated for
 * @param seed     the generator seed
 * @param setup    commands applied before measuring
 * @param commands the measured commands
 */
public record Workload(String scenario, long seed, Command[] setup, Command[] commands) {
}
