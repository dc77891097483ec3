from sagwan.serve.cli import main

main()
