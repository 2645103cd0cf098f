from datarelease.cli import main

main(prog_name="datarelease")
