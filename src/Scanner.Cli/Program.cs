using Scanner.Cli;

var (console, flush) = Terminal.Open();
var exit = CliApplication.Run(args, console);
flush();
return exit;
