# mistake: __len__ returns the number of values (n * d) instead of the number of samples
# targets: test_points_dataset
# %% points_dataset
class PointsDataset(Dataset):
    def __init__(self, points: np.ndarray, labels: np.ndarray) -> None:
        self.points = points
        self.labels = labels

    def __len__(self) -> int:
        return self.points.size

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        return torch.tensor(self.points[index], dtype=torch.float32), torch.tensor(self.labels[index], dtype=torch.int64)
