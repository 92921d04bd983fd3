# mistake: sets pin_memory=True, which the task forbids (pinning fails for a dataset already on the GPU)
# targets: test_make_loader
# %% make_loader
def make_loader(dataset: Dataset, batch_size: int, drop_last: bool) -> DataLoader:
    return DataLoader(dataset, batch_size=batch_size, drop_last=drop_last, pin_memory=True)
