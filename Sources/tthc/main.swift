import TTHCCLI
TTHCCommand.main()
