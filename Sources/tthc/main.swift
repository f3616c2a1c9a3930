import TTHCCLI

TTHCCommand.runAndExit()
