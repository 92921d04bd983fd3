# mistake: seeds the global RNG instead of giving the loader its own generator; the order then depends on global state
# targets: test_shuffled_loader
# %% shuffled_loader
def shuffled_loader(dataset: Dataset, batch_size: int, seed: int) -> DataLoader:
    torch.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True)
