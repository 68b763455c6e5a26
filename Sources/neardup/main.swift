import NearDupCLI

NearDupCommand.main()
