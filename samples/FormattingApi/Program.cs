FormattingApi.BibliographyApi.Build(args).Run();
