# mistake: centres the points in place (points -= mean), which changes the caller's array
# targets: test_points_dataset
# %% points_dataset
class PointsDataset(Dataset):
    def __init__(self, points: np.ndarray, labels: np.ndarray) -> None:
        if len(points):
            points -= points.mean(axis=0)
        self.points = torch.as_tensor(points, dtype=torch.float32)
        self.labels = torch.as_tensor(labels, dtype=torch.int64)

    def __len__(self) -> int:
        return len(self.points)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.points[index], self.labels[index]
