import ArgumentParser
import NearDupCLI

NearDupCommand.main()
