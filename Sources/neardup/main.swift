import NearDupCLI
import ArgumentParser

NearDupCommand.main()
