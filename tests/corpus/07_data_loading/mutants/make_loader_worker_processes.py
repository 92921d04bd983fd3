# mistake: starts two worker processes although the task says to keep num_workers=0
# targets: test_make_loader
# %% make_loader
def make_loader(dataset: Dataset, batch_size: int, drop_last: bool) -> DataLoader:
    return DataLoader(dataset, batch_size=batch_size, drop_last=drop_last, num_workers=2)
