# mistake: never passes drop_last, so the last incomplete batch is always kept
# targets: test_make_loader
# %% make_loader
def make_loader(dataset: Dataset, batch_size: int, drop_last: bool) -> DataLoader:
    return DataLoader(dataset, batch_size=batch_size)
