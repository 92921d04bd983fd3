# mistake: passes drop_last as the third positional argument, which is shuffle
# targets: test_make_loader
# %% make_loader
def make_loader(dataset: Dataset, batch_size: int, drop_last: bool) -> DataLoader:
    return DataLoader(dataset, batch_size, drop_last)
