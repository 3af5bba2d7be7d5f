// libFuzzer runs this target's entry point with the command-line options it was given.
import FuzzSupport

FuzzDriver.run(fuzzAssembler)
