# mistake: shuffles the dataset instead of sampling by weight: one permutation per epoch, classes stay imbalanced
# targets: test_balanced_loader
# %% balanced_loader
def balanced_loader(dataset: Dataset, labels: torch.Tensor, batch_size: int, num_samples: int, seed: int) -> DataLoader:
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(seed))
