# mistake: returns iter(loader), which is used up after one epoch and has no len
# targets: test_make_loader
# %% make_loader
def make_loader(dataset: Dataset, batch_size: int, drop_last: bool) -> DataLoader:
    return iter(DataLoader(dataset, batch_size=batch_size, drop_last=drop_last))
