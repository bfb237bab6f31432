from promocase.cli import main

main()
