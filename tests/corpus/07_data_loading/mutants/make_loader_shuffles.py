# mistake: shuffles although the batches must follow the dataset's order
# targets: test_make_loader
# %% make_loader
def make_loader(dataset: Dataset, batch_size: int, drop_last: bool) -> DataLoader:
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=drop_last)
