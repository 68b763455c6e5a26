import NearDupCLI

await NearDupCommand.main()
